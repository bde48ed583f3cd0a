package io.cloudbus.mock.impl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactingNotifierTest {
  @Test
  void keepsOnlyTheFirstLine() {
    String dump =
        "Request was not matched\n=====\nPOST /x\nAuthorization: Bearer s3cr3t\n\npassword=hunter2";
    assertThat(RedactingNotifier.firstLine(dump))
        .isEqualTo("Request was not matched")
        .doesNotContain("s3cr3t", "hunter2");
    assertThat(RedactingNotifier.firstLine("x".repeat(500))).hasSize(203);
    assertThat(RedactingNotifier.firstLine(null)).isEmpty();
  }
}
