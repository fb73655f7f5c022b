package dev.jp.logs.drains;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Looks up a drain's host name when a drain connects. A bean of its own so that tests can answer
 * for names they control (a name that changes its address between two connects).
 */
@ApplicationScoped
public class DrainHostResolver {

    public List<InetAddress> resolve(String host) throws UnknownHostException {
        return List.of(InetAddress.getAllByName(host));
    }
}
