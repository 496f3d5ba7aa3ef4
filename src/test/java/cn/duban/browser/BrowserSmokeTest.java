package cn.duban.browser;

import static cn.duban.support.TestBureau.OFFICE;
import static cn.duban.support.TestBureau.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.springframework.boot.test.web.server.LocalServerPort;

import cn.duban.support.DubanSpringTest;

/** The browser suite can run: a person signs in on duban's login page and lands on a page in Chinese. */
@DubanSpringTest
@ExtendWith(ScreenshotOnFailure.class)
class BrowserSmokeTest {

  @LocalServerPort int port;
  Browser browser;

  @AfterEach
  void close() {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void theOfficeSignsInAndSeesItsPagesInChinese() {
    browser = Browser.desktop(port);
    browser.open("/login");
    assertThat(browser.driver().getPageSource()).contains("登录");
    browser.signIn(OFFICE, PASSWORD).open("/");
    assertThat(browser.waitFor(By.tagName("body")).getText()).contains("退出登录");
    browser.screenshot("smoke-home");
  }
}
