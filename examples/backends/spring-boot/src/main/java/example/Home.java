package example;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.ModelAndView;

/** The protected page, rendered by Thymeleaf from templates/home.html. */
@Controller
public class Home {
  private final Activity activity;

  Home(Activity activity) {
    this.activity = activity;
  }

  @GetMapping("/")
  ModelAndView page(HttpServletRequest request, HttpServletResponse response) {
    HttpSession session = request.getSession(false); // the interceptor has ended it if idle
    // 303 like the other redirects here; a bare "redirect:" view answers 302.
    if (session == null || session.getAttribute(Routes.USER) == null) {
      return new ModelAndView("redirect:/login", HttpStatus.SEE_OTHER);
    }
    // A signed-in page must not be kept: Back after sign-out would show it again.
    response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
    return new ModelAndView("home", Map.of(
        "userName", session.getAttribute(Routes.USER),
        "csrfToken", session.getAttribute(Routes.CSRF),
        "warnAfter", activity.warnAfter,
        "expireAfter", activity.expireAfter,
        "opaqueUser", session.getAttribute(Routes.OPAQUE)));
  }
}
