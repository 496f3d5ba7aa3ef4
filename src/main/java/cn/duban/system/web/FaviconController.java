package cn.duban.system.web;

import java.time.Duration;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * duban's icon for the Camunda webapps too. duban's pages get it from /favicon.ico (static/favicon.ico); the webapps
 * link /camunda/favicon.ico, which would be Camunda's own icon from its jar.
 */
@Controller
class FaviconController {

  private static final Resource ICON = new ClassPathResource("static/favicon.ico");

  @GetMapping("/camunda/favicon.ico")
  ResponseEntity<Resource> webappIcon() {
    return ResponseEntity.ok().contentType(MediaType.valueOf("image/x-icon"))
        .cacheControl(CacheControl.maxAge(Duration.ofDays(7))).body(ICON);
  }
}
