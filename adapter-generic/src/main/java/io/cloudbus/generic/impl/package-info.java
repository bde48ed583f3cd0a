/**
 * The profile language and its runtime: {@link io.cloudbus.generic.impl.JsonPointer}, {@link
 * io.cloudbus.generic.impl.Template}, {@link io.cloudbus.generic.impl.JsonTemplate}, {@link
 * io.cloudbus.generic.impl.Matcher}, the validating {@link io.cloudbus.generic.impl.ProfileParser},
 * and the pieces the socket delegates to (handshake, correlation, event mapping, parameters, OAuth2
 * auth). Everything except the handshake and the auth handler is pure and unit-tested.
 */
package io.cloudbus.generic.impl;
