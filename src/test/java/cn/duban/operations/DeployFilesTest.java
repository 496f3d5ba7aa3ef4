package cn.duban.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * What of {@code deploy/} cannot run here is checked as far as it can be: the compose file's duban nodes set only
 * variables duban reads (a misspelt one would be silently ignored), run the image {@code -Pimage} builds, and sit
 * behind nginx with {@code deploy/nginx-duban.conf}, the configuration SessionsBehindNginxIntegrationTest runs,
 * whose upstream names exactly those nodes; the systemd unit's environment file likewise; and docs/operations.md
 * lists every DUBAN_* variable of the application's configuration.
 */
class DeployFilesTest {

  static final Pattern READ_VARIABLE = Pattern.compile("\\$\\{(DUBAN_[A-Z0-9_]+)[:}]");

  @Test
  @SuppressWarnings("unchecked")
  void theComposeFilesNodesSetVariablesDubanReadsRunTheImageAndSitBehindTheTestedNginxConfiguration()
      throws IOException {
    Map<String, Object> compose = new Yaml().load(Files.readString(Path.of("deploy", "compose.yaml")));
    Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
    List<String> nodes = services.entrySet().stream()
        .filter(s -> String.valueOf(s.getValue().get("image")).startsWith("duban:")).map(Map.Entry::getKey).toList();
    assertThat(nodes).containsExactly("duban-a", "duban-b");

    Set<String> read = variablesDubanReads();
    for (String node : nodes) {
      Map<String, Object> service = services.get(node);
      assertThat(service.get("image")).as("the image ./mvnw -Pimage package builds").isEqualTo(imageName());
      Map<String, Object> environment = (Map<String, Object>) service.get("environment");
      assertThat(environment).containsKeys("DUBAN_DB_URL", "DUBAN_DB_USER", "DUBAN_DB_PASSWORD",
          "DUBAN_ADMIN_PASSWORD", "DUBAN_NODE_NAME");
      assertThat(environment.get("DUBAN_NODE_NAME")).as("each node names itself").isEqualTo(node);
      assertThat(environment.keySet()).as("%s: variables duban reads", node).allSatisfy(name -> assertThat(read)
          .contains(name));
      assertThat(String.valueOf(environment.get("DUBAN_DB_URL"))).startsWith("jdbc:postgresql://db:5432/");
    }
    assertThat(services).containsKey("db");

    List<String> volumes = (List<String>) services.get("nginx").get("volumes");
    assertThat(volumes).anySatisfy(volume -> {
      String source = volume.substring(0, volume.indexOf(':'));
      assertThat(Path.of("deploy").resolve(source).normalize()).as("nginx's configuration")
          .isEqualTo(SessionsBehindNginxIntegrationTest.NGINX_CONF);
      assertThat(volume).contains(":/etc/nginx/conf.d/");
    });
    String nginx = Files.readString(SessionsBehindNginxIntegrationTest.NGINX_CONF);
    List<String> upstream = new ArrayList<>();
    Matcher server = Pattern.compile("(?m)^\\s*server\\s+([\\w.-]+):(\\d+)").matcher(nginx);
    while (server.find()) {
      upstream.add(server.group(1));
      assertThat(server.group(2)).as("the nodes' port (PORT, 8080 in the image)").isEqualTo("8080");
    }
    assertThat(upstream).as("the upstream is the compose file's nodes").containsExactlyElementsOf(nodes);
  }

  @Test
  void theSystemdUnitsEnvironmentFileSetsVariablesDubanReads() throws IOException {
    Set<String> read = variablesDubanReads();
    List<String> names = Files.readAllLines(Path.of("deploy", "duban.env")).stream()
        .filter(line -> !line.isBlank() && !line.startsWith("#")).map(line -> line.substring(0, line.indexOf('=')))
        .toList();
    assertThat(names).contains("DUBAN_DB_URL", "DUBAN_ADMIN_PASSWORD", "DUBAN_NODE_NAME");
    assertThat(names.stream().filter(name -> name.startsWith("DUBAN_"))).allSatisfy(name -> assertThat(read)
        .contains(name));
    String unit = Files.readString(Path.of("deploy", "duban.service"));
    assertThat(unit).contains("EnvironmentFile=/etc/duban/duban.env", "User=duban", "KillSignal=SIGTERM");
  }

  @Test
  void theOperationsGuideListsEveryVariable() throws IOException {
    String guide = Files.readString(Path.of("docs", "operations.md"));
    assertThat(variablesDubanReads()).allSatisfy(name -> assertThat(guide).as("docs/operations.md").contains(
        "`" + name + "`"));
  }

  /** Every DUBAN_* variable of application.yaml. */
  static Set<String> variablesDubanReads() throws IOException {
    Set<String> names = new TreeSet<>();
    Matcher matcher = READ_VARIABLE.matcher(Files.readString(Path.of("src", "main", "resources",
        "application.yaml")));
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    assertThat(names).hasSizeGreaterThan(40);
    return names;
  }

  /** The image name of the pom's image profile, with the project's version. */
  static String imageName() throws IOException {
    String pom = Files.readString(Path.of("pom.xml"));
    Matcher version = Pattern.compile("<artifactId>duban</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
    assertThat(version.find()).isTrue();
    assertThat(pom).contains("<duban.image.name>duban:${project.version}</duban.image.name>");
    return "duban:" + version.group(1);
  }
}
