package io.cloudbus.core.config;

/** The JSON type of a {@link ConfigField}, as {@link ConfigReader#check} reads it. */
public enum FieldType {
  /** A string; numbers and booleans are taken as their text. */
  STRING,
  /**
   * A whole number in {@code [min, max]}; numeric strings are accepted (environment references).
   */
  INTEGER,
  /** Any number; numeric strings are accepted. */
  NUMBER,
  /** {@code true} or {@code false}; the strings {@code "true"}/{@code "false"} are accepted. */
  BOOLEAN,
  /** An absolute URL with one of the field's schemes. */
  URL,
  /** A list of non-empty strings. */
  LIST,
  /** An object; with declared {@link ConfigField#fields()} those are checked and no others. */
  OBJECT
}
