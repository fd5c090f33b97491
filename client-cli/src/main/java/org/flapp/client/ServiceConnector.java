package org.flapp.client;

import java.time.Duration;
import org.flapp.rpc.RemoteReference;

/**
 * Opens the connection to the service a FURL names. The real one is {@link TubConnector}; tests
 * hand the commands a fake that answers without a network.
 */
interface ServiceConnector {
    /**
     * Checks the FURL's grammar (before any network work), connects to its Tub and looks up the
     * service, waiting at most {@code timeout}; failures arrive already described (see
     * {@link FurlSource#parse} and {@link ErrorReporter#connectFailure}).
     */
    ServiceConnection connect(String furl, Duration timeout) throws ClientFailure;

    /** A live reference to the service and whatever must be released after use. */
    interface ServiceConnection extends AutoCloseable {
        RemoteReference service();

        /** Releases the connection without waiting long; never throws. */
        @Override
        void close();
    }
}
