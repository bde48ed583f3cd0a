package io.cloudbus.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigReaderTest {

  private static final List<ConfigField> FIELDS =
      List.of(
          ConfigField.string("user", "login").asRequired(),
          ConfigField.string("password", "secret").asRequired().asSecret(),
          ConfigField.integer("delayMs", "delay").withRange(1, 1000),
          ConfigField.bool("verbose", "more logs"),
          ConfigField.list("types", "event types"),
          ConfigField.object(
              "endpoints",
              "URLs",
              ConfigField.url("socketUrl", "push socket", "ws", "wss").asRequired()));

  @Test
  void everyBadFieldIsNamedByItsFullPathAndNoValueIsEchoed() {
    // GIVEN an account with one problem per field, a secret among the values
    JsonObject json =
        new JsonObject()
            .put("password", new JsonArray().add("hunter2"))
            .put("delayMs", "hunter2")
            .put("verbose", "maybe")
            .put("types", new JsonArray().add(""))
            .put("endpoints", new JsonObject().put("socketUrl", "http://x").put("extra", 1))
            .put("bogus", "hunter2");
    ConfigReader r = ConfigReader.of(json, "accounts[2]");
    // WHEN it is checked against the fields
    r.check(FIELDS);
    r.rejectUnknown();
    // THEN one error per field, each with its path
    assertThat(r.errors())
        .containsExactly(
            "accounts[2].user: required",
            "accounts[2].password: expected a string",
            "accounts[2].delayMs: expected an integer",
            "accounts[2].verbose: expected true or false",
            "accounts[2].types: expected a list of non-empty strings",
            "accounts[2].endpoints.socketUrl: expected an absolute ws(s) URL",
            "accounts[2].endpoints.extra: unknown field",
            "accounts[2].bogus: unknown field");
    assertThat(String.join("; ", r.errors())).doesNotContain("hunter2");
    assertThatThrownBy(r::throwIfInvalid)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("accounts[2].user: required; accounts[2].password:");
  }

  @Test
  void stringsFromTheEnvironmentAreConvertedAndRangesChecked() {
    // GIVEN values as environment references resolve them: strings
    JsonObject json =
        new JsonObject()
            .put("user", "u")
            .put("password", "p")
            .put("delayMs", "250")
            .put("verbose", "TRUE")
            .put("endpoints", Map.of("socketUrl", "wss://h/ws"));
    ConfigReader r = ConfigReader.of(json, "");
    // WHEN checked
    JsonObject out = r.check(FIELDS);
    // THEN typed values come back, the input untouched
    assertThat(r.errors()).isEmpty();
    assertThat(out.getValue("delayMs")).isEqualTo(250L);
    assertThat(out.getValue("verbose")).isEqualTo(true);
    assertThat(json.getValue("delayMs")).isEqualTo("250");
    // AND a value out of range names the range
    ConfigReader outOfRange = ConfigReader.of(new JsonObject().put("n", 0), "x");
    outOfRange.integer("n", 5, 1, 10);
    outOfRange.integer("m", 5, 1, Long.MAX_VALUE);
    assertThat(outOfRange.errors()).containsExactly("x.n: must be between 1 and 10");
    ConfigReader atLeast = ConfigReader.of(new JsonObject().put("n", -1), "x");
    assertThat(atLeast.integer("n", 7, 0, Long.MAX_VALUE)).isEqualTo(7);
    assertThat(atLeast.errors()).containsExactly("x.n: must be at least 0");
  }

  @Test
  void childrenShareTheErrorsAndDefaultsApplyWhenAbsent() {
    List<String> errors = new ArrayList<>();
    ConfigReader root = ConfigReader.of(new JsonObject().put("a", new JsonObject()), "", errors);
    ConfigReader a = root.child("a");
    assertThat(a.string("s", "dflt")).isEqualTo("dflt");
    assertThat(a.url("u", "https://d", "https")).isEqualTo("https://d");
    assertThat(a.bool("b", true)).isTrue();
    a.string("needed", true);
    root.child("notAnObject");
    assertThat(errors).containsExactly("a.needed: required");
    ConfigReader bad = ConfigReader.of(new JsonObject().put("o", 3), "p", errors);
    bad.child("o");
    assertThat(errors).containsExactly("a.needed: required", "p.o: expected an object");
  }

  @Test
  void aDemoAccountCopiesTheMockDescriptionIntoAccountPaths() {
    DemoAccount demo =
        new DemoAccount(
            "acme",
            new JsonObject().put("profile", "acme"),
            Map.of("endpoints.socketUrl", "socketUrl", "password", "demo.password"));
    JsonObject mock =
        new JsonObject()
            .put("socketUrl", "ws://127.0.0.1:1/acme")
            .put("demo", new JsonObject().put("password", "pw"));
    assertThat(demo.toAccount(mock))
        .isEqualTo(
            new JsonObject()
                .put("profile", "acme")
                .put("password", "pw")
                .put("endpoints", new JsonObject().put("socketUrl", "ws://127.0.0.1:1/acme")));
    assertThatThrownBy(() -> demo.toAccount(new JsonObject()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("acme");
  }

  @Test
  void aDescriptionRejectsUndeclaredFieldsUnlessOpen() {
    JsonObject account =
        new JsonObject().put("adapter", "x").put("account", "a").put("user", "u").put("p", "v");
    ConfigReader strict = ConfigReader.of(account, "accounts[0]");
    ConfigDescription.of("x", FIELDS.get(0)).check(strict);
    assertThat(strict.errors()).containsExactly("accounts[0].p: unknown field");
    ConfigReader open = ConfigReader.of(account, "accounts[0]");
    ConfigDescription.undescribed("x").check(open);
    assertThat(open.errors()).isEmpty();
    assertThatThrownBy(() -> ConfigDescription.of("x", ConfigField.string("account", "")))
        .hasMessageContaining("account is a common field");
  }
}
