package cn.duban.organisation;

import static cn.duban.support.TestBureau.ADMIN;
import static cn.duban.support.TestBureau.ADMIN_PASSWORD;
import static cn.duban.support.TestBureau.ANDY;
import static cn.duban.support.TestBureau.BOB;
import static cn.duban.support.TestBureau.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import cn.duban.support.DubanSpringTest;
import cn.duban.support.Http;

/**
 * People's contacts: set by admins one by one or from a sheet (all problems at once, nothing written unless there
 * are none), mobile numbers checked, masked to anyone but admins and the person, never logged in full.
 */
@DubanSpringTest
@ExtendWith(OutputCaptureExtension.class)
class ContactsHttpTest {

  @LocalServerPort int port;
  @Autowired ContactService contacts;

  Http admin() {
    return Http.basic(port, ADMIN, ADMIN_PASSWORD);
  }

  @Test
  void anAdminSetsContactsAndOthersSeeTheMobileNumberMasked(CapturedOutput output) {
    Http.Response set = admin().put("/api/admin/people/" + ANDY + "/contacts",
        Map.of("mobile", "+86 138-0013-8003", "wecomUserId", "andy.wx", "dingtalkUserId", "andy_dd"));
    assertThat(set.status()).as(set.body()).isEqualTo(200);
    assertThat(set.json().get("mobile").asText()).isEqualTo("13800138003");

    assertThat(Http.basic(port, BOB, PASSWORD).get("/api/people/" + ANDY + "/contacts").json().get("mobile").asText())
        .isEqualTo("138****8003");
    assertThat(Http.basic(port, ANDY, PASSWORD).get("/api/people/" + ANDY + "/contacts").json().get("mobile").asText())
        .isEqualTo("13800138003");
    assertThat(Http.basic(port, ANDY, PASSWORD).get("/api/me/contacts").json().get("wecomUserId").asText())
        .isEqualTo("andy.wx");
    assertThat(admin().get("/api/admin/people").json().findValuesAsText("mobile")).contains("13800138003");
    assertThat(output.getAll()).contains("138****8003").doesNotContain("13800138003");
  }

  @Test
  void aWrongMobileNumberIsRefusedInChineseWithoutRepeatingIt(CapturedOutput output) {
    Http.Response refused = admin().put("/api/admin/people/" + BOB + "/contacts", Map.of("mobile", "12345678901"));
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.json().get("detail").asText()).contains("不是 11 位大陆手机号");
    assertThat(refused.json().get("errors").get(0).get("field").asText()).isEqualTo("mobile");
    assertThat(refused.body()).doesNotContain("12345678901");
    assertThat(output.getAll()).doesNotContain("12345678901");

    Http.Response wrongId = admin().put("/api/admin/people/" + BOB + "/contacts", Map.of("wecomUserId", "鲍 勃"));
    assertThat(wrongId.status()).isEqualTo(422);
    assertThat(wrongId.json().get("detail").asText()).contains("企业微信账号");
    assertThat(admin().put("/api/admin/people/nobody-here/contacts", Map.of("mobile", "13800138009")).status())
        .isEqualTo(422);
  }

  @Test
  void onlyAdminsSetContacts() {
    assertThat(Http.basic(port, BOB, PASSWORD).put("/api/admin/people/" + BOB + "/contacts",
        Map.of("mobile", "13900139009")).status()).isEqualTo(403);
    assertThat(Http.basic(port, BOB, PASSWORD).get("/admin/people").status()).isEqualTo(403);
  }

  @Test
  void aSheetWithProblemsIsRefusedWholeListingEveryProblem() {
    admin().put("/api/admin/people/" + ANDY + "/contacts", Map.of("mobile", "13800138003", "wecomUserId", "andy.wx"));
    String csv = "用户名,姓名,手机号,企业微信\n"
        + "andy,安迪,13800138004,andy.wx2\n"
        + "bob,鲍勃,1234,bad id\n"
        + "nobody-here,无名,13800138005,\n"
        + "andy,安迪,13800138006,\n";

    Http.Response refused = admin().upload("/api/admin/people/contacts/import", "联系方式.csv",
        csv.getBytes(StandardCharsets.UTF_8));

    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.json().findValuesAsText("message")).hasSize(4).anySatisfy(m -> assertThat(m).startsWith("第 3 行"))
        .anySatisfy(m -> assertThat(m).startsWith("第 4 行").contains("nobody-here"))
        .anySatisfy(m -> assertThat(m).startsWith("第 5 行").contains("出现了两次"));
    assertThat(contacts.contacts(ANDY).mobile()).as("nothing written").isEqualTo("13800138003");
  }

  @Test
  void anXlsxSheetSetsTheColumnsItHasAndKeepsTheOthers() throws Exception {
    admin().put("/api/admin/people/" + BOB + "/contacts", Map.of("mobile", "13900139002", "dingtalkUserId", "bob.dd"));
    byte[] sheet;
    try (var workbook = new XSSFWorkbook(); var out = new ByteArrayOutputStream()) {
      var rows = workbook.createSheet("联系方式");
      rows.createRow(0).createCell(0).setCellValue("人员联系方式表");
      var header = rows.createRow(2);
      header.createCell(0).setCellValue("用户名");
      header.createCell(1).setCellValue("手机号");
      header.createCell(2).setCellValue("政务微信");
      var bob = rows.createRow(3);
      bob.createCell(0).setCellValue(BOB);
      bob.createCell(1).setCellValue(13900139012d); // typed as a number, as Excel keeps it
      bob.createCell(2).setCellValue("bob.wx");
      workbook.write(out);
      sheet = out.toByteArray();
    }

    Http.Response imported = admin().upload("/api/admin/people/contacts/import", "联系方式.xlsx", sheet);

    assertThat(imported.status()).as(imported.body()).isEqualTo(200);
    assertThat(imported.json().get("imported").asInt()).isEqualTo(1);
    PersonContacts bob = contacts.contacts(BOB);
    assertThat(bob.mobile()).isEqualTo("13900139012");
    assertThat(bob.wecomUserId()).isEqualTo("bob.wx");
    assertThat(bob.dingtalkUserId()).as("no 钉钉 column: kept").isEqualTo("bob.dd");
  }

  @Test
  void theAdminsPageListsPeopleWithTheirContacts() {
    admin().put("/api/admin/people/" + ANDY + "/contacts", Map.of("mobile", "13800138003"));
    Http browser = Http.browser(port);
    browser.signIn(ADMIN, ADMIN_PASSWORD);
    Http.Response page = browser.get("/admin/people");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("人员联系方式", "安迪", "13800138003", "从表格导入");
  }
}
