package io.cloudbus.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * How a usage error reads: {@code cloudbus[ <command>]: <what is wrong>}, a suggestion for a
 * mistyped option or command ({@code did you mean --port?}: edit distance of at most 2, swapped
 * letters counting once), and where the help is. Exit code 2. Never the whole usage text: the error
 * is the first thing a user reads.
 */
final class UsageErrors implements IParameterExceptionHandler {

  private static final int MAX_DISTANCE = 2;

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    String prefix = cmd.getCommandSpec().qualifiedName() + ": ";
    err.println(prefix + ex.getMessage());
    if (ex instanceof UnmatchedArgumentException u) {
      List<String> suggestions = suggestions(u.getUnmatched(), cmd);
      if (!suggestions.isEmpty()) {
        err.println(prefix + "did you mean " + String.join(" or ", suggestions) + "?");
      }
    }
    err.println(
        "Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for the commands and options.");
    err.flush();
    return ExitCodes.USAGE;
  }

  static List<String> suggestions(List<String> unmatched, CommandLine cmd) {
    List<String> found = new ArrayList<>();
    for (String arg : unmatched) {
      String word = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      Collection<String> names =
          word.startsWith("-")
              ? cmd.getCommandSpec().optionsMap().keySet()
              : cmd.getSubcommands().keySet();
      for (String name : names) {
        if (!found.contains(name) && distance(word, name) <= MAX_DISTANCE) {
          found.add(name);
        }
      }
      if (!found.isEmpty()) {
        break; // the first mistyped word is the one to fix
      }
    }
    return found;
  }

  /** Optimal string alignment distance: insertions, deletions, substitutions, transpositions. */
  static int distance(String a, String b) {
    if (Math.abs(a.length() - b.length()) > MAX_DISTANCE || a.length() > 64 || b.length() > 64) {
      return Integer.MAX_VALUE;
    }
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
