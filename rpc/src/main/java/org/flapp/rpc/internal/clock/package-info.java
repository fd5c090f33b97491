/**
 * The clock of connection deadlines: one seam ({@link org.flapp.rpc.internal.clock.ConnectionClock})
 * through which negotiation and the Tub schedule their timers, so that tests advance time instead
 * of sleeping. Uses only Netty's event loop types; tasks always run on the event loop they were
 * scheduled for.
 */
package org.flapp.rpc.internal.clock;
