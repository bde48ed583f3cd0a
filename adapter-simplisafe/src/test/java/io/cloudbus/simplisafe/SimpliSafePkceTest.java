package io.cloudbus.simplisafe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SimpliSafePkceTest {

  @Test
  void challengeIsS256OfTheVerifierPerRfc7636() {
    // RFC 7636 appendix B
    assertThat(SimpliSafePkce.challengeOf("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
        .isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
  }

  @Test
  void generatedVerifierIsAlphanumericAndLongEnough() {
    SimpliSafePkce pkce = SimpliSafePkce.generate();

    assertThat(pkce.verifier()).matches("[A-Za-z0-9]{43,54}");
    assertThat(pkce.challenge()).isEqualTo(SimpliSafePkce.challengeOf(pkce.verifier()));
    assertThat(pkce.challenge()).doesNotContain("=").hasSize(43);
    assertThat(SimpliSafePkce.generate().verifier()).isNotEqualTo(pkce.verifier());
  }

  @Test
  void toStringHidesTheVerifier() {
    SimpliSafePkce pkce = SimpliSafePkce.generate();
    assertThat(pkce.toString()).doesNotContain(pkce.verifier());
  }
}
