package io.cloudbus.mock.impl;

import com.github.tomakehurst.wiremock.common.Notifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WireMock's log, first lines only. WireMock's own messages (e.g. "Request was not matched") go on
 * with a dump of the request, headers and body included, which would put bearer tokens and
 * passwords into the log.
 */
final class RedactingNotifier implements Notifier {
  private static final Logger LOG = LoggerFactory.getLogger("io.cloudbus.mock.wiremock");
  private static final int MAX_CHARS = 200;

  @Override
  public void info(String message) {
    LOG.trace("{}", firstLine(message));
  }

  @Override
  public void error(String message) {
    LOG.warn("{}", firstLine(message));
  }

  @Override
  public void error(String message, Throwable t) {
    LOG.warn("{} ({})", firstLine(message), t == null ? "" : t.getClass().getSimpleName());
  }

  static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    String line = message.strip();
    int nl = line.indexOf('\n');
    if (nl >= 0) {
      line = line.substring(0, nl).strip();
    }
    return line.length() > MAX_CHARS ? line.substring(0, MAX_CHARS) + "..." : line;
  }
}
