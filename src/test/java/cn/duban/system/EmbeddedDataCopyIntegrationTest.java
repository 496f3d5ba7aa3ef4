package cn.duban.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

import com.fasterxml.jackson.databind.JsonNode;

import cn.duban.support.Http;
import cn.duban.support.Node;

/**
 * The backup of the embedded database as docs/operations.md describes it: duban stopped normally, its whole
 * {@code DUBAN_DATA_DIR} copied ({@code cp -a}) to another place, and duban started there. The copy shows every item
 * as the office listed them before the stop, the item with its attachment and timeline, and the attachment's bytes;
 * the original directory is untouched and starts again too.
 */
class EmbeddedDataCopyIntegrationTest {

  final Path root = Path.of("target", "data-copy", Long.toString(System.nanoTime(), 36)).toAbsolutePath();
  final Path original = root.resolve("data");
  final Path copy = root.resolve("elsewhere").resolve("data");
  final List<Node> nodes = new ArrayList<>();

  @AfterEach
  void leaveNoPostgreSqlRunning() throws IOException {
    nodes.forEach(Node::close);
    OrphanedPostgres.clear(original.resolve("postgres"), Duration.ofSeconds(30));
    OrphanedPostgres.clear(copy.resolve("postgres"), Duration.ofSeconds(30));
    FileSystemUtils.deleteRecursively(root);
  }

  @Test
  void aStoppedDataDirectoryCopiedElsewhereStartsThereWithEveryItemAndAttachment() throws Exception {
    byte[] evidence = "数据目录备份的佐证材料：已整改 3 项".getBytes(StandardCharsets.UTF_8);
    Node first = start("copy-original", original);
    Http office = Http.basic(first.port(), "zhoumin", "demo");
    String code = EmbeddedCrashRestartIntegrationTest.issue(first, "数据目录备份演练事项");
    Http.Response upload = office.upload("/api/items/" + code + "/attachments", "整改说明.txt", evidence);
    assertThat(upload.status()).as(upload.body()).isEqualTo(201);
    long attachment = upload.json().get("id").asLong();
    JsonNode itemsBefore = office.get("/api/items").json();
    JsonNode itemBefore = office.get("/api/items/" + code).json();
    first.close();

    Files.createDirectories(copy.getParent());
    Process cp = new ProcessBuilder("cp", "-a", original.toString(), copy.toString()).inheritIO().start();
    assertThat(cp.waitFor()).as("cp -a of the stopped data directory").isZero();

    Node moved = start("copy-elsewhere", copy);
    Http there = Http.basic(moved.port(), "zhoumin", "demo");
    assertThat(there.get("/api/items").json()).as("every item, as the office listed them before the stop")
        .isEqualTo(itemsBefore);
    assertThat(there.get("/api/items/" + code).json()).as("the item with its attachment and timeline")
        .isEqualTo(itemBefore);
    assertThat(there.getBytes("/api/items/" + code + "/attachments/" + attachment)).isEqualTo(evidence);
    moved.close();

    Node again = start("copy-original-again", original);
    assertThat(Http.basic(again.port(), "zhoumin", "demo").get("/api/items/" + code).status())
        .as("the original directory was only read").isEqualTo(200);
  }

  private Node start(String name, Path dataDir) {
    Node node = Node.startEmbedded(name, dataDir);
    nodes.add(node);
    return node;
  }
}
