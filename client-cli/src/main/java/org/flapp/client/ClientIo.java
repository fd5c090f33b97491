package org.flapp.client;

import java.io.InputStream;
import java.io.PrintStream;

/**
 * The streams a flappclient run works with, and whether stderr is a person's terminal (which
 * decides whether upload progress is drawn). Tests pass their own streams.
 */
record ClientIo(PrintStream out, PrintStream err, InputStream in, boolean terminal) {}
