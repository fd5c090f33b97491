/**
 * FURLs ({@code pb://TUBID@HINTS/NAME}), their connection hints and Foolscap's base32, parsed
 * and checked as Foolscap 21.7.0 does (a malformed one is a
 * {@link org.flapp.rpc.furl.BadFurlException}).
 *
 * <p><b>May use:</b> the public {@code org.flapp.rpc} failure and text helpers; nothing internal,
 * no I/O.
 *
 * <p><b>Threads:</b> values are immutable and the helpers stateless: any thread.
 */
package org.flapp.rpc.furl;
