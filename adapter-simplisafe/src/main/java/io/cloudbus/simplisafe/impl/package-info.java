/** Implementation helpers of the SimpliSafe adapter; not an API. */
package io.cloudbus.simplisafe.impl;
