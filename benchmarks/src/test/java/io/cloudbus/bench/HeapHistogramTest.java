package io.cloudbus.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class HeapHistogramTest {

  @AfterEach
  void clear() {
    System.clearProperty(HeapHistogram.PROPERTY);
  }

  private static List<Path> files(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }

  @Test
  void writesOneHistogramPerSnapshotWhenAsked(@TempDir Path dir) throws Exception {
    HeapHistogram.writeIfAsked();
    assertThat(files(dir)).as("off without the property").isEmpty();

    System.setProperty(HeapHistogram.PROPERTY, dir.toString());
    MemorySnapshot.take();
    MemorySnapshot.take();
    List<Path> written = files(dir);
    assertThat(written).hasSize(2);
    long pid = ProcessHandle.current().pid();
    assertThat(written.get(0).getFileName().toString()).startsWith("histogram-" + pid + "-");
    String text = Files.readString(written.get(1));
    // what jcmd GC.class_histogram prints: a header, one line per class, a total
    assertThat(text).contains("#instances", "#bytes", "java.lang.String", "Total");
  }
}
