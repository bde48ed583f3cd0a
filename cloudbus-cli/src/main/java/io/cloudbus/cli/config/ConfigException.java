package io.cloudbus.cli.config;

import java.util.List;

/**
 * A configuration that cannot be used. Each error names its field as a path ({@code
 * accounts[1].password: required}); no message ever contains a configured value, so secrets are
 * never echoed. The command line turns it into exit code 2 before anything starts.
 */
public final class ConfigException extends Exception {

  private static final long serialVersionUID = 1L;

  private final transient List<String> errors;

  /** One or more errors, each {@code <field path>: <problem>}. */
  public ConfigException(List<String> errors) {
    super(String.join("\n", errors));
    this.errors = List.copyOf(errors);
  }

  public ConfigException(String error) {
    this(List.of(error));
  }

  /** The errors, each naming its field; never empty. */
  public List<String> errors() {
    return errors;
  }
}
