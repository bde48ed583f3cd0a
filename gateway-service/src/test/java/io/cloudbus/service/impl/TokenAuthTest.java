package io.cloudbus.service.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudbus.service.ApiToken;
import io.cloudbus.service.Role;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenAuthTest {

  private static final ApiToken DEMO = ApiToken.ofPlain("demo", "s3cret", Set.of(Role.COMMAND));

  @Test
  void openReadsLetsATokenlessCallerReadWhileTokensGuardCommands() {
    TokenAuth auth = new TokenAuth(List.of(DEMO), true);
    assertThat(auth.enabled()).as("no token needed to read").isFalse();
    assertThat(auth.rolesOf(null)).containsExactly(Role.READ);
    assertThat(auth.rolesOf("s3cret")).contains(Role.COMMAND);
    assertThat(auth.rolesOf("wrong")).as("a presented token must still match").isNull();
    assertThat(auth.nameOf("s3cret")).isEqualTo("demo");
  }

  @Test
  void withoutOpenReadsATokenIsRequiredAndWithoutTokensNobodyCommands() {
    assertThat(new TokenAuth(List.of(DEMO)).rolesOf(null)).isNull();
    assertThat(new TokenAuth(List.of(DEMO)).enabled()).isTrue();
    TokenAuth none = new TokenAuth(List.of(), true);
    assertThat(none.rolesOf("s3cret")).containsExactly(Role.READ);
    assertThat(none.tokenOf("s3cret")).isNull();
  }

  @Test
  void theAllowedActionsHeaderIsTheTokensAndNeverTheClients() {
    JsonObject frame =
        new JsonObject()
            .put(
                "headers",
                new JsonObject()
                    .put("Cloudbus-Allowed-Actions", "disarm")
                    .put("cloudbus-sender", "mallory"));
    TokenAuth.markSender(frame, DEMO.withCommands(Set.of("unlock_door")));
    assertThat(frame.getJsonObject("headers").getMap())
        .containsOnly(
            java.util.Map.entry("cloudbus-sender", "demo"),
            java.util.Map.entry("cloudbus-allowed-actions", "unlock_door"));
    TokenAuth.markSender(frame, DEMO);
    assertThat(frame.getJsonObject("headers").getMap())
        .containsOnly(java.util.Map.entry("cloudbus-sender", "demo"));
  }
}
