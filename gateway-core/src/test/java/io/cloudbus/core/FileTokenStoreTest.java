package io.cloudbus.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class FileTokenStoreTest {

  @Test
  void roundTripsAtomicallyWithOwnerOnlyPermissions(Vertx vertx, @TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("sub/tokens.json");
    TokenStore store = TokenStore.file(vertx, file);
    AccessToken t = new AccessToken("AT", "RT", Instant.parse("2026-01-01T00:00:00Z"));

    assertThat(CloudSocketIT.get(store.load("a/b"))).isNull();
    CloudSocketIT.get(store.save("a/b", t));
    CloudSocketIT.get(store.save("c/d", new AccessToken("AT2", null, null)));

    assertThat(CloudSocketIT.get(store.load("a/b"))).isEqualTo(t);
    assertThat(CloudSocketIT.get(TokenStore.file(vertx, file).load("c/d")).refreshToken()).isNull();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    try (var files = Files.list(file.getParent())) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("tokens.json");
    }
    CloudSocketIT.get(store.remove("a/b"));
    assertThat(CloudSocketIT.get(store.load("a/b"))).isNull();
    assertThat(CloudSocketIT.get(store.load("c/d"))).isNotNull();
  }

  @Test
  void corruptFileFailsClearlyWithoutItsContent(Vertx vertx, @TempDir Path dir) throws Exception {
    Path file = dir.resolve("tokens.json");
    Files.writeString(file, "{\"a\": SECRET-GARBAGE");
    try {
      CloudSocketIT.get(TokenStore.file(vertx, file).load("a"));
      throw new AssertionError("expected failure");
    } catch (ExecutionException e) {
      assertThat(e.getCause().getMessage()).contains("not valid JSON").doesNotContain("SECRET");
    }
  }
}
