package cn.duban.system.web;

import static cn.duban.support.TestBureau.ALICE;
import static cn.duban.support.TestBureau.LEADER;
import static cn.duban.support.TestBureau.OFFICE;
import static cn.duban.support.TestBureau.PASSWORD;
import static cn.duban.support.TestBureau.UNIT_A;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import cn.duban.support.DubanSpringTest;
import cn.duban.support.Http;
import cn.duban.support.Node;

/**
 * One log line per request ({@code duban.requests}): method, path, status, time, the user id and the item code the
 * path names; nothing else about the person (no query string, no body).
 */
@DubanSpringTest
@ExtendWith(OutputCaptureExtension.class)
class RequestLogHttpTest {

  @LocalServerPort int port;

  String issue() {
    Http.Response issued = Http.basic(port, OFFICE, PASSWORD).post("/api/items", Map.of("title", "请求日志测试",
        "unitId", UNIT_A, "leaderId", LEADER, "deadline", LocalDate.now().plusDays(20).toString()));
    assertThat(issued.status()).as(issued.body()).isEqualTo(201);
    return issued.json().get("code").asText();
  }

  /**
   * The request line containing {@code fragment}. It is written once the response is complete, which the client may
   * see a moment earlier: looked for during a few seconds.
   */
  static String lineOf(CapturedOutput output, String fragment) {
    long until = System.nanoTime() + 5_000_000_000L;
    while (true) {
      var line = output.getOut().lines().filter(l -> l.contains("duban.requests") && l.contains(fragment))
          .findFirst();
      if (line.isPresent()) {
        return line.get();
      }
      if (System.nanoTime() > until) {
        throw new AssertionError("no request line with " + fragment + " in:\n" + output.getOut());
      }
      Node.pause(50);
    }
  }

  @Test
  void aRequestIsLoggedOnceWithTheUserAndTheItemCode(CapturedOutput output) {
    String code = issue();
    Http browser = Http.browser(port);
    browser.signIn(ALICE, PASSWORD);
    assertThat(browser.get("/api/items/" + code).status()).isEqualTo(200);

    String line = lineOf(output, "GET /api/items/" + code + " 200");
    assertThat(line).contains("user=" + ALICE, "item=" + code).containsPattern(" \\d+ms ");
    assertThat(output.getOut().lines().filter(l -> l.contains("duban.requests")
        && l.contains("GET /api/items/" + code + " "))).as("one line a request").hasSize(1);
    assertThat(lineOf(output, "POST /api/items 201")).contains("user=" + OFFICE, "item=-");
  }

  @Test
  void aRefusedRequestIsLoggedWithItsStatusAndNoPersonalData(CapturedOutput output) {
    Http.anonymous(port).get("/api/items?q=%E5%BC%A0%E4%B8%89");
    String line = lineOf(output, "GET /api/items 401");
    assertThat(line).contains("user=-").doesNotContain("q=", "张三", "%E5");
  }

  @Test
  void theItemCodeIsTakenOnlyFromAWholePathSegment() {
    assertThat(RequestLog.itemCode("/api/items/DB2026-0001/attachments")).isEqualTo("DB2026-0001");
    assertThat(RequestLog.itemCode("/items/DB2026-0042")).isEqualTo("DB2026-0042");
    assertThat(RequestLog.itemCode("/api/items")).isNull();
    assertThat(RequestLog.itemCode("/api/items/XDB2026-0001")).isNull();
  }
}
