/**
 * Implementation of the BTicino adapter: push mapping ({@link
 * io.cloudbus.bticino.impl.BticinoPushMapper}), call-session memory ({@link
 * io.cloudbus.bticino.impl.BticinoCallDeduplicator}), {@code getevents} catch-up mapping ({@link
 * io.cloudbus.bticino.impl.BticinoHistoryMapper}) and the app's REST calls ({@link
 * io.cloudbus.bticino.impl.BticinoApi}). Pure where possible; used on the socket's event loop.
 */
package io.cloudbus.bticino.impl;
