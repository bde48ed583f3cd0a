package io.cloudbus.simplisafe;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudbus.core.auth.Pkce;
import org.junit.jupiter.api.Test;

/** The PKCE pair the login flow relies on, as SimpliSafe's apps build it. */
class PkceForSimpliSafeTest {

  @Test
  void challengeIsS256OfTheVerifierPerRfc7636() {
    // RFC 7636 appendix B
    assertThat(Pkce.challengeOf("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
        .isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
  }

  @Test
  void generatedVerifierIsAlphanumericAndLongEnough() {
    Pkce pkce = Pkce.generate();

    assertThat(pkce.verifier()).matches("[A-Za-z0-9]{43,54}");
    assertThat(pkce.challenge()).isEqualTo(Pkce.challengeOf(pkce.verifier()));
    assertThat(pkce.challenge()).doesNotContain("=").hasSize(43);
    assertThat(Pkce.generate().verifier()).isNotEqualTo(pkce.verifier());
    assertThat(pkce.toString()).doesNotContain(pkce.verifier());
  }
}
