package io.cloudbus.core.journal;

/**
 * The journal could not do what was asked: a full disk, a corrupt or locked file, a file written by
 * a newer version, a closed journal. The message names the journal's path and the cause.
 */
public class JournalException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public JournalException(String message) {
    super(message);
  }

  public JournalException(String message, Throwable cause) {
    super(message, cause);
  }
}
