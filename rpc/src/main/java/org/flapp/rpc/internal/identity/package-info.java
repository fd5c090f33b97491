/**
 * A Tub's identity on disk and in memory: making a self-signed certificate and reading one from
 * PEM, both with nothing but the JDK (BouncyCastle's signed jars cost start-up time).
 *
 * <p><b>May use:</b> the JDK's security classes; no other rpc package.
 *
 * <p><b>Threads:</b> stateless and thread-safe. Making a key is slow and blocking: never on an
 * event loop.
 */
package org.flapp.rpc.internal.identity;
