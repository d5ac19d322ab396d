package dev.moose.maven;

import dev.moose.core.MooseLog;
import org.apache.maven.plugin.logging.Log;

/** moose-core's log, written to Maven's. */
final class MavenMooseLog implements MooseLog {

    private final Log log;

    MavenMooseLog(Log log) {
        this.log = log;
    }

    @Override
    public void info(String message) {
        log.info(message);
    }

    @Override
    public void warn(String message) {
        log.warn(message);
    }

    @Override
    public void error(String message) {
        log.error(message);
    }

    @Override
    public void debug(String message) {
        if (log.isDebugEnabled()) {
            log.debug(message);
        }
    }

    @Override
    public boolean isDebugEnabled() {
        return log.isDebugEnabled();
    }
}
