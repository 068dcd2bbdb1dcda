package io.tapeflow.job;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Which Tapeflow node this is, as logs and JobRunr's server list show it: the host name and the process
 * id, so two nodes on one host are told apart too.
 */
public final class NodeName {

    private static final String CURRENT = hostName() + " pid " + ProcessHandle.current().pid();

    private NodeName() {
    }

    public static String current() {
        return CURRENT;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            String fromEnvironment = System.getenv("HOSTNAME");
            return fromEnvironment == null || fromEnvironment.isBlank() ? "unknown-host" : fromEnvironment;
        }
    }
}
