package io.cloudbus.core.impl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CommandDispatcherTest {

  @Test
  void anActionOutsideTheAllowedHeaderIsForbiddenNamingIt() {
    // no header: every action
    assertThat(CommandDispatcher.forbidden(null, "disarm")).isNull();
    assertThat(CommandDispatcher.forbidden("unlock_door, lock_door", "lock_door")).isNull();
    assertThat(CommandDispatcher.forbidden("unlock_door,lock_door", "light_on"))
        .isEqualTo("this token may not send light_on (its commands: unlock_door,lock_door)");
    // an empty list: nothing
    assertThat(CommandDispatcher.forbidden("", "disarm"))
        .isEqualTo("this token may not send disarm (its commands: none)");
  }
}
