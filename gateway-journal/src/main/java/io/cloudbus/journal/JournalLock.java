package io.cloudbus.journal;

import io.cloudbus.core.journal.JournalException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The lock that keeps a journal to one gateway: an OS file lock on {@code events.db.lock} beside
 * the journal, held while the journal is open. A second gateway on the same path (another process,
 * or a second journal in this one) fails at once, naming the file. The lock file stays after close:
 * deleting it would let a third process lock a new file while a second still holds the old one.
 */
final class JournalLock implements AutoCloseable {

  private final FileChannel channel;
  private final FileLock lock;

  private JournalLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Locks the journal {@code file}.
   *
   * @throws JournalException naming the file when another process or journal holds it, or when the
   *     lock file cannot be created
   */
  static JournalLock acquire(Path file) {
    Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
    FileChannel channel;
    try {
      channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new JournalException(
          file
              + ": cannot open the journal: the file cannot be opened or written (permissions,"
              + " missing directory, I/O): cannot create "
              + lockFile
              + ": "
              + e,
          e);
    }
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null; // held by another journal in this process
    } catch (IOException e) {
      closeQuietly(channel);
      throw new JournalException(file + ": cannot open the journal: cannot lock " + lockFile, e);
    }
    if (lock == null) {
      closeQuietly(channel);
      throw new JournalException(
          file
              + ": cannot open the journal: the file is locked by another process (another"
              + " cloudbus with the same journal.path?): "
              + lockFile
              + " is held");
    }
    return new JournalLock(channel, lock);
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException | RuntimeException ignored) {
      // closing the channel releases it too
    }
    closeQuietly(channel);
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // nothing more to do
    }
  }
}
