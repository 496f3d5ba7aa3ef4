package cn.duban.system.web;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * This node among several behind a load balancer, {@code duban.node.*}.
 *
 * @param name what the node calls itself in the {@code X-Duban-Node} response header and its request log; empty: the
 *             machine's host name (in a container, the container's)
 */
@ConfigurationProperties(prefix = "duban.node")
public record NodeProperties(String name) {

  public String nameOrHost() {
    if (name != null && !name.isBlank()) {
      return name.strip();
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "duban";
    }
  }
}
