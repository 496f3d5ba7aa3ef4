package cn.duban.browser;

import java.lang.reflect.Field;

import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Saves a screenshot of every open {@link Browser} field of a failed browser test under
 * {@code target/browser-screenshots/}, named after the test, so a failure in CI can be looked at. Runs right after
 * the test method, before its {@code @AfterEach} closes the browser.
 */
public class ScreenshotOnFailure implements AfterTestExecutionCallback {

  @Override
  public void afterTestExecution(ExtensionContext context) {
    Object test = context.getTestInstance().orElse(null);
    if (test == null || context.getExecutionException().isEmpty()) {
      return;
    }
    for (Class<?> type = test.getClass(); type != null; type = type.getSuperclass()) {
      for (Field field : type.getDeclaredFields()) {
        if (field.getType() == Browser.class) {
          try {
            field.setAccessible(true);
            Browser browser = (Browser) field.get(test);
            if (browser != null) {
              System.out.println("[duban] screenshot of the failure: " + browser.screenshot("FAILED-"
                  + context.getRequiredTestClass().getSimpleName() + "-" + context.getDisplayName() + "-"
                  + field.getName()).toAbsolutePath());
            }
          } catch (Exception e) {
            System.out.println("[duban] no screenshot of the failure: " + e);
          }
        }
      }
    }
  }
}
