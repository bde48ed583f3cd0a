package io.cloudbus.generic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudbus.generic.impl.JsonPointer;
import io.cloudbus.generic.impl.JsonTemplate;
import io.cloudbus.generic.impl.Matcher;
import io.cloudbus.generic.impl.Template;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class TemplateTest {

  private static final JsonObject MSG =
      new JsonObject()
          .put("a", new JsonObject().put("b", 1).put("c/d", "slash").put("e~f", "tilde"))
          .put("list", new JsonArray().add("x").add("y"))
          .putNull("nothing");
  private static final JsonObject VARS =
      new JsonObject().put("token", "T").put("config", new JsonObject().put("url", "ws://h"));

  @Test
  void pointers() {
    assertThat(JsonPointer.parse("/a/b").get(MSG)).isEqualTo(1);
    assertThat(JsonPointer.parse("/a/c~1d").get(MSG)).isEqualTo("slash");
    assertThat(JsonPointer.parse("/a/e~0f").get(MSG)).isEqualTo("tilde");
    assertThat(JsonPointer.parse("/list/1").get(MSG)).isEqualTo("y");
    assertThat(JsonPointer.parse("/list/7").get(MSG)).isNull();
    assertThat(JsonPointer.parse("/a/b/deeper").get(MSG)).isNull();
    assertThat(JsonPointer.parse("").get(MSG)).isSameAs(MSG);
    assertThatThrownBy(() -> JsonPointer.parse("a/b"))
        .hasMessageContaining("must be empty or start with '/'");
    assertThatThrownBy(() -> JsonPointer.parse("/a~"))
        .hasMessageContaining("'~' must be followed by 0 or 1");
  }

  @Test
  void singlePlaceholderKeepsTypeMixedIsText() {
    assertThat(Template.compile("${/a}").render(MSG, VARS)).isEqualTo(MSG.getJsonObject("a"));
    assertThat(Template.compile("${/a/b}").render(MSG, VARS)).isEqualTo(1);
    assertThat(Template.compile("n=${/a/b}, ${/missing}!").render(MSG, VARS)).isEqualTo("n=1, !");
    assertThat(Template.compile("${config.url}/api").render(MSG, VARS)).isEqualTo("ws://h/api");
    assertThat(Template.compile("cost $$5 ${token}").render(MSG, VARS)).isEqualTo("cost $5 T");
    assertThat(Template.compile("${/missing}").render(MSG, VARS)).isNull();
    assertThatThrownBy(() -> Template.compile("${bad name}"))
        .hasMessageContaining("bad placeholder");
    assertThatThrownBy(() -> Template.compile("${/a")).hasMessageContaining("unclosed placeholder");
  }

  @Test
  void jsonTemplateLeavesOutAbsentOptionalMembers() {
    JsonTemplate t =
        JsonTemplate.compile(
            new JsonObject()
                .put("type", "call")
                .put("target", "${/missing}")
                .put("data", "${/a}")
                .put("items", new JsonArray().add("${/list/0}").add(3)));
    assertThat(t.render(MSG, VARS))
        .isEqualTo(
            new JsonObject()
                .put("type", "call")
                .put("data", MSG.getJsonObject("a"))
                .put("items", new JsonArray().add("x").add(3)));
  }

  @Test
  void matchers() {
    assertThat(Matcher.compile(new JsonObject().put("/a/b", 1.0)).test(MSG)).isTrue();
    assertThat(
            Matcher.compile(new JsonObject().put("/a/b", new JsonArray().add(2).add(1))).test(MSG))
        .isTrue();
    assertThat(Matcher.compile(new JsonObject().put("/a/b", "1")).test(MSG)).isFalse();
    assertThat(
            Matcher.compile(
                    new JsonObject().put("/nothing", new JsonObject().put("present", false)))
                .test(MSG))
        .isTrue();
    assertThat(
            Matcher.compile(new JsonObject().put("/a", new JsonObject().put("present", true)))
                .test(MSG))
        .isTrue();
    assertThat(Matcher.any().test(new JsonObject())).isTrue();
    assertThatThrownBy(
            () -> Matcher.compile(new JsonObject().put("/a", new JsonObject().put("gt", 1))))
        .hasMessageContaining("/a: a condition object must be {present: true|false}");
  }
}
