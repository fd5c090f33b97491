package org.flapp.client;

import java.time.Duration;
import java.util.List;
import org.flapp.rpc.RemoteReference;

/**
 * Opens the connection to the service a FURL names. The real one is {@link TubConnector}; tests
 * hand the commands a fake that answers without a network.
 */
interface ServiceConnector {
    /**
     * Connects to the FURL's Tub and looks up the service, waiting at most {@code timeout};
     * failures arrive already described (see {@link ErrorReporter#connectFailure}).
     */
    ServiceConnection connect(String furl, List<String> hints, Duration timeout) throws ClientFailure;

    /** A live reference to the service and whatever must be released after use. */
    interface ServiceConnection extends AutoCloseable {
        RemoteReference service();

        /** Releases the connection without waiting long; never throws. */
        @Override
        void close();
    }
}
