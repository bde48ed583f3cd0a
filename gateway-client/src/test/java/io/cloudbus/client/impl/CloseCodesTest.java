package io.cloudbus.client.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CloseCodesTest {

  @Test
  void onlyCodesAClientMaySendAreSendable() {
    for (int code : new int[] {1000, 1001, 1008, 1011, 3000, 4000, 4999}) {
      assertThat(CloseCodes.isSendable(code)).as("%d", code).isTrue();
    }
    for (int code :
        new int[] {
          0, 999, 1002, 1003, 1004, 1005, 1006, 1007, 1009, 1010, 1012, 1015, 2999, 5000
        }) {
      assertThat(CloseCodes.isSendable(code)).as("%d", code).isFalse();
    }
  }

  @Test
  void theReasonIsLimitedTo123Utf8Bytes() {
    assertThatNoException().isThrownBy(() -> CloseCodes.validate(1000, "x".repeat(123)));
    assertThatNoException().isThrownBy(() -> CloseCodes.validate(1000, null));
    assertThatThrownBy(() -> CloseCodes.validate(1000, "é".repeat(62)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aServerCodeIsEchoedWhenSendableElseNormal() {
    assertThat(CloseCodes.echoOf(4001)).isEqualTo(4001);
    assertThat(CloseCodes.echoOf(1001)).isEqualTo(1001);
    assertThat(CloseCodes.echoOf(1005)).isEqualTo(1000);
    assertThat(CloseCodes.echoOf(1012)).isEqualTo(1000);
  }
}
