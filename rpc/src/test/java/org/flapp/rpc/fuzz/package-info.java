/**
 * Coverage-guided fuzz targets (Jazzer {@code @FuzzTest}s) for the code that reads bytes from
 * peers we do not trust: the negotiation phase ({@link org.flapp.rpc.fuzz.NegotiationFuzzTest}),
 * the Banana token reader and decoder ({@link org.flapp.rpc.fuzz.BananaFuzzTest}), and the PB
 * message layer behind a connected Broker ({@link org.flapp.rpc.fuzz.PbFuzzTest}).
 *
 * <p>Each target's input is one control byte (fragment size and a few switches, see each target)
 * followed by the bytes a peer sends. A target fails on any exception type it does not expect and
 * on a channel left in an inconsistent state; {@link org.flapp.rpc.fuzz.FindingTrap} also turns
 * exceptions that the code under test catches and logs into failures.
 *
 * <p>Seeds are derived at test time from the recorded transcripts and vectors in the test
 * resources ({@link org.flapp.rpc.fuzz.Seeds}). In a normal test run the targets replay those
 * seeds (Jazzer's regression mode); {@code mvn verify} also fuzzes each target for a bounded time,
 * and docs/fuzzing.md tells how to run them for longer and what the long runs found.
 * Every finding becomes a plain unit test with the input as bytes, in
 * {@link org.flapp.rpc.fuzz.FuzzFindingsTest} (docs/fuzzing.md lists them).
 */
package org.flapp.rpc.fuzz;
