package io.cloudbus.cli.config;

import io.cloudbus.core.config.ConfigReader;
import io.cloudbus.core.journal.JournalOptions;
import java.nio.file.Path;

/**
 * The {@code journal} section: {@code enabled} (default true), {@code path} (a directory, relative
 * to the config file; default {@code data/} beside the token store file, or beside the config file
 * without a token store), {@code retentionDays} (7), {@code maxSizeMb} (1024).
 */
final class JournalSection {

  /** The directory name of the default journal path. */
  static final String DEFAULT_DIRECTORY = "data";

  private JournalSection() {}

  /**
   * @param tokenStorePath the resolved token store file, or null
   * @param baseDir the config file's directory; null for the working directory
   */
  static JournalOptions parse(ConfigReader s, Path tokenStorePath, Path baseDir) {
    boolean enabled = s.bool("enabled", JournalOptions.DEFAULT_ENABLED);
    String path = s.string("path", false);
    long days = s.integer("retentionDays", JournalOptions.DEFAULT_RETENTION_DAYS, 1, 3650);
    long mb = s.integer("maxSizeMb", JournalOptions.DEFAULT_MAX_SIZE_MB, 1, 1_048_576);
    s.rejectUnknown();
    Path base = baseDir == null ? Path.of("") : baseDir;
    Path dir;
    if (path != null && !path.isBlank()) {
      dir = base.resolve(path).normalize();
    } else if (tokenStorePath != null && tokenStorePath.toAbsolutePath().getParent() != null) {
      dir = tokenStorePath.toAbsolutePath().getParent().resolve(DEFAULT_DIRECTORY);
    } else {
      dir = base.resolve(DEFAULT_DIRECTORY);
    }
    return new JournalOptions(enabled, dir.toAbsolutePath().toString(), (int) days, mb);
  }
}
