package org.flapp.client;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * flappclient's SLF4J provider: the RPC engine's (and Netty's) log calls go to
 * {@link ClientLoggerFactory}, silent unless {@code --verbose}. It replaces logback in the
 * client: starting logback (its service lookups, its configurators, its status printer) cost a
 * short-lived client about 0.07 s of CPU of its 0.5 s (docs/performance.md), for output that is
 * off by default.
 *
 * <p>Not registered in {@code META-INF/services}: flappserver's JVM has this jar on its class path
 * too and keeps logback. {@link #select()} names it through SLF4J's {@code slf4j.provider}
 * property instead, from {@link FlappClient#main} before anything logs; tests set the property
 * in the build.
 */
public final class ClientLogProvider implements SLF4JServiceProvider {
    static final String PROVIDER_PROPERTY = "slf4j.provider";
    /** SLF4J's own reports: its "Attempting to load provider" line is at INFO. */
    static final String REPORT_LEVEL_PROPERTY = "slf4j.internal.verbosity";

    private final ClientLoggerFactory loggers = ClientLoggerFactory.INSTANCE;
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new NOPMDCAdapter();

    /** Makes this the provider SLF4J binds to, unless the user named one (-Dslf4j.provider). */
    static void select() {
        if (System.getProperty(PROVIDER_PROPERTY) == null) {
            System.setProperty(PROVIDER_PROPERTY, ClientLogProvider.class.getName());
            if (System.getProperty(REPORT_LEVEL_PROPERTY) == null) {
                System.setProperty(REPORT_LEVEL_PROPERTY, "WARN");
            }
        }
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggers;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        // nothing to set up: the factory starts silent
    }
}
