package io.cloudbus.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code cloudbus login <vendor>}: interactive logins that store a refresh token. */
@Command(
    name = "login",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    synopsisSubcommandLabel = "VENDOR",
    description = "Log in to a vendor interactively and store the refresh token.")
final class LoginCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing vendor (simplisafe)");
  }
}
