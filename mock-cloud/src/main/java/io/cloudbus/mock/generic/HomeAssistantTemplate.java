package io.cloudbus.mock.generic;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Enough of Home Assistant's Jinja templates for state lookups: literal text with {@code {{ ... }}}
 * holding {@code states('e')}, {@code states.domain.object_id.state}, {@code state_attr('e', 'a')}
 * or {@code is_state('e', 'v')}. Anything else is a {@code template_error}. The result is parsed as
 * Home Assistant's {@code parse_result} does for the simple cases (an integer, a float, {@code
 * True}/{@code False}, otherwise the string).
 */
final class HomeAssistantTemplate {

  /** What a render gives: the result and the entities it looked at (its listeners). */
  record Rendered(Object result, Set<String> entities) {
    JsonObject listeners() {
      return new JsonObject()
          .put("all", false)
          .put("domains", new JsonArray())
          .put("entities", new JsonArray(entities.stream().sorted().toList()))
          .put("time", false);
    }
  }

  private static final Pattern EXPR = Pattern.compile("\\{\\{(.*?)}}", Pattern.DOTALL);
  private static final String Q = "\\s*['\"]([^'\"]+)['\"]\\s*";
  private static final Pattern STATES = Pattern.compile("states\\(" + Q + "\\)");
  private static final Pattern STATES_DOT =
      Pattern.compile("states\\.([a-z0-9_]+)\\.([a-z0-9_]+)\\.state");
  private static final Pattern STATE_ATTR = Pattern.compile("state_attr\\(" + Q + "," + Q + "\\)");
  private static final Pattern IS_STATE = Pattern.compile("is_state\\(" + Q + "," + Q + "\\)");

  private HomeAssistantTemplate() {}

  /**
   * Renders {@code template} against {@code states}.
   *
   * @throws HaError {@code template_error} for an expression the mock does not know
   */
  static Rendered render(String template, HomeAssistantStates states) {
    Set<String> entities = new LinkedHashSet<>();
    StringBuilder out = new StringBuilder();
    Matcher m = EXPR.matcher(template);
    int last = 0;
    while (m.find()) {
      out.append(template, last, m.start());
      out.append(expression(m.group(1).trim(), states, entities));
      last = m.end();
    }
    out.append(template.substring(last));
    return new Rendered(parse(out.toString()), entities);
  }

  private static String expression(String expr, HomeAssistantStates states, Set<String> seen) {
    Matcher m;
    if ((m = STATES.matcher(expr)).matches()) {
      seen.add(m.group(1));
      HaState s = states.get(m.group(1));
      return s == null ? "unknown" : s.state();
    }
    if ((m = STATES_DOT.matcher(expr)).matches()) {
      String entity = m.group(1) + "." + m.group(2);
      seen.add(entity);
      HaState s = states.get(entity);
      return s == null ? "" : s.state();
    }
    if ((m = STATE_ATTR.matcher(expr)).matches()) {
      seen.add(m.group(1));
      HaState s = states.get(m.group(1));
      Object v = s == null ? null : s.attributes().getValue(m.group(2));
      return v == null ? "None" : String.valueOf(v);
    }
    if ((m = IS_STATE.matcher(expr)).matches()) {
      seen.add(m.group(1));
      HaState s = states.get(m.group(1));
      return s != null && s.state().equals(m.group(2)) ? "True" : "False";
    }
    throw new HaError(
        "template_error",
        "TemplateSyntaxError: the mock renders only states('..'), states.x.y.state,"
            + " state_attr('..','..') and is_state('..','..'), not: "
            + (expr.length() > 100 ? expr.substring(0, 100) + "..." : expr));
  }

  private static Object parse(String s) {
    String t = s.trim();
    if ("True".equals(t) || "False".equals(t)) {
      return "True".equals(t);
    }
    if (t.matches("-?[1-9][0-9]{0,17}|0")) {
      return Long.parseLong(t);
    }
    if (t.matches("-?(0|[1-9][0-9]{0,15})\\.[0-9]{1,15}")) {
      return Double.parseDouble(t);
    }
    return s;
  }
}
