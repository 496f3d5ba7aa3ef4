package cn.duban.organisation;

import static cn.duban.support.TestBureau.ADMIN;
import static cn.duban.support.TestBureau.ADMIN_PASSWORD;
import static cn.duban.support.TestBureau.ALICE;
import static cn.duban.support.TestBureau.ANDY;
import static cn.duban.support.TestBureau.AUDITOR;
import static cn.duban.support.TestBureau.BOB;
import static cn.duban.support.TestBureau.OFFICE;
import static cn.duban.support.TestBureau.PASSWORD;
import static cn.duban.support.TestBureau.UNIT_A;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import cn.duban.support.DubanSpringTest;
import cn.duban.support.Http;

/** 科室负责人 set on a page by an admin, with the rule of {@code PUT /api/admin/units/{id}/heads}. */
@DubanSpringTest
class UnitHeadsPageHttpTest {

  @LocalServerPort int port;
  @Autowired OrganisationService organisation;

  @AfterEach
  void aliceHeadsUnitAAgain() {
    organisation.setHeads(UNIT_A, List.of(ALICE));
  }

  Http signedIn(String user) {
    Http browser = Http.browser(port);
    assertThat(browser.signIn(user, ADMIN.equals(user) ? ADMIN_PASSWORD : PASSWORD).status()).isEqualTo(302);
    return browser;
  }

  static String heads(String csrf, String... users) {
    StringBuilder form = new StringBuilder("_csrf=" + csrf);
    for (String user : users) {
      form.append("&heads=").append(user);
    }
    return form.toString();
  }

  @Test
  void onlyAdminsOpenOrUseTheHeadsPage() {
    for (String user : List.of(ALICE, OFFICE, AUDITOR)) {
      Http browser = signedIn(user);
      assertThat(browser.get("/admin/units", "text/html").status()).as(user).isEqualTo(403);
      assertThat(browser.postRaw("/admin/units/" + UNIT_A + "/heads", "application/x-www-form-urlencoded",
          heads(browser.formToken("/units"), ANDY)).status()).as(user).isEqualTo(403);
      assertThat(browser.get("/units", "text/html").body()).as(user).doesNotContain("href=\"/admin/units\"");
    }
    assertThat(organisation.heads(UNIT_A)).containsExactly(ALICE);
  }

  @Test
  void anAdminTicksTheHeadsOfAUnit() {
    Http admin = signedIn(ADMIN);
    String page = admin.get("/admin/units", "text/html").body();
    assertThat(page).contains("督办 · 科室负责人", "甲科", "value=\"andy\"", "安迪");
    assertThat(admin.get("/units", "text/html").body()).contains("href=\"/admin/units\"");

    Http.Response saved = admin.postRaw("/admin/units/" + UNIT_A + "/heads", "application/x-www-form-urlencoded",
        heads(admin.formToken("/admin/units"), ALICE, ANDY));
    assertThat(saved.status()).isEqualTo(302);
    assertThat(saved.location()).endsWith("/admin/units#unit-" + UNIT_A);
    assertThat(organisation.heads(UNIT_A)).containsExactly(ALICE, ANDY);
    assertThat(admin.get("/admin/units", "text/html").body()).contains("已保存「甲科」的科室负责人：爱丽、安迪。");
    assertThat(admin.get("/units", "text/html").body()).contains("爱丽、安迪");

    admin.postRaw("/admin/units/" + UNIT_A + "/heads", "application/x-www-form-urlencoded",
        heads(admin.formToken("/admin/units")));
    assertThat(organisation.heads(UNIT_A)).isEmpty();
    assertThat(admin.get("/admin/units", "text/html").body()).contains("已清除「甲科」的科室负责人");
  }

  @Test
  void aHeadFromAnotherUnitIsRefusedInChineseAndNothingChanges() {
    Http admin = signedIn(ADMIN);
    Http.Response refused = admin.postRaw("/admin/units/" + UNIT_A + "/heads", "application/x-www-form-urlencoded",
        heads(admin.formToken("/admin/units"), ANDY, BOB));
    assertThat(refused.status()).isEqualTo(302);
    assertThat(admin.get("/admin/units", "text/html").body())
        .contains("「甲科」的科室负责人未保存：科室负责人必须是本部门成员。", "「鲍勃（bob）」不是该部门的成员，不能担任科室负责人");
    assertThat(organisation.heads(UNIT_A)).containsExactly(ALICE);
  }
}
