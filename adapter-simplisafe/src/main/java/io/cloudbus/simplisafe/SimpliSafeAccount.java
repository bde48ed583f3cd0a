package io.cloudbus.simplisafe;

import java.util.List;

/**
 * What the socket needs to know about the account: the user id it joins ({@code uid:<userId>}) and
 * the systems whose history it reads after every (re)connect. Immutable.
 *
 * @param userId from {@code /v1/api/authCheck}
 * @param systemIds the {@code sid}s of the subscriptions with a base station
 */
public record SimpliSafeAccount(long userId, List<Long> systemIds) {
  public SimpliSafeAccount {
    systemIds = List.copyOf(systemIds);
  }
}
