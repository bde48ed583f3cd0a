package io.cloudbus.cli.config;

import io.cloudbus.core.config.ConfigReader;
import io.cloudbus.core.journal.JournalOptions;
import java.nio.file.Files;
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
    if (enabled) {
      checkUsable(s, dir.toAbsolutePath(), path == null || path.isBlank());
    }
    return new JournalOptions(enabled, dir.toAbsolutePath().toString(), (int) days, mb);
  }

  /**
   * The journal's directory is created at start when missing, and its file written at every event:
   * a directory that cannot be would only show when {@code run} starts, after {@code check} said
   * the file is fine. Nothing is created here. (A process with every permission, such as root,
   * passes where only the kernel would refuse, e.g. under {@code /proc}.)
   */
  private static void checkUsable(ConfigReader s, Path dir, boolean byDefault) {
    String which = byDefault ? " (the default: data/ beside the token store or config file)" : "";
    if (Files.exists(dir)) {
      if (!Files.isDirectory(dir)) {
        s.error("path", "is not a directory" + which);
      } else if (!Files.isWritable(dir)) {
        s.error("path", "the directory is not writable" + which);
      } else if (Files.exists(dir.resolve("events.db"))
          && !Files.isWritable(dir.resolve("events.db"))) {
        s.error("path", "events.db in the directory is not writable" + which);
      }
      return;
    }
    Path existing = dir.getParent();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)) {
      s.error(
          "path",
          "the directory does not exist and cannot be created (its nearest existing parent is not"
              + " a writable directory)"
              + which);
    }
  }
}
