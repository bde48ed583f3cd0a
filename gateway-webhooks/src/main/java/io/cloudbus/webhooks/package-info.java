/**
 * The webhook output of cloudbus: {@link io.cloudbus.webhooks.WebhookOutput} POSTs matching events
 * as signed CloudEvents HTTP requests ({@link io.cloudbus.webhooks.WebhookSignature}), in order per
 * account, with retries. See docs/webhooks.md.
 */
package io.cloudbus.webhooks;
