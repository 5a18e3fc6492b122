package example;

import static java.nio.charset.StandardCharsets.UTF_8;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class Routes {
  private static final Map<String, String> PASSWORDS = Map.of("alice", "alice", "bob", "bob");
  private static final SecureRandom RANDOM = new SecureRandom();
  // Session attribute names, read by Home too.
  static final String USER = "user", OPAQUE = "opaqueUser", CSRF = "csrfToken";

  private final Activity activity;
  private final SecretKeySpec userKey;

  Routes(Activity activity, @Value("${USER_SECRET}") String secret) {
    this.activity = activity;
    this.userKey = new SecretKeySpec(secret.getBytes(UTF_8), "HmacSHA256");
  }

  @GetMapping(Application.PING)
  ResponseEntity<Object> ping(
      HttpServletRequest request,
      @RequestHeader(name = "X-Requested-With", required = false) String requestedWith) {
    long now = System.currentTimeMillis();
    HttpSession session = request.getSession(false);
    Long last = Activity.last(session);
    // Objects, not the String "logout": Spring writes a String body as it is, unquoted.
    if (last == null) return json(Map.of("status", "logout"));
    if (activity.expire(session, last, now)) return json(Map.of("status", "logout", "reason", "expired"));
    boolean xhr = "XMLHttpRequest".equals(requestedWith);
    // The servlet's own lookup, not @RequestParam: Spring 6.2 binds idleFor[]=0 to it too.
    String idleFor = request.getParameter("idleFor");
    // Rules 3 and 4: only 1-15 ASCII digits, whole string (Long.parseLong alone takes
    // "+5" and non-ASCII digits); merge forward only, never past now.
    if (xhr && idleFor != null && idleFor.matches("[0-9]{1,15}")) {
      last = Math.max(last, now - Long.parseLong(idleFor) * 1000);
      session.setAttribute(Activity.LAST, last);
    }
    long idle = (now - last) / 1000;
    if (!xhr) return json(idle); // rule 4: answered, merged nothing, and no token to a non-XHR request
    return json(Map.of(
        "idleFor", idle,
        "warnAfter", activity.warnAfter,
        "expireAfter", activity.expireAfter,
        "user", session.getAttribute(OPAQUE),
        "csrfToken", session.getAttribute(CSRF)));
  }

  @GetMapping("/login")
  ResponseEntity<String> loginForm() {
    return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body("""
        <!doctype html>
        <title>Sign in</title>
        <form method="post" action="/login">
          <input name="username" autocomplete="username">
          <input name="password" type="password" autocomplete="current-password">
          <button>Sign in</button>
        </form>
        """);
  }

  @PostMapping("/login")
  ResponseEntity<String> login(HttpServletRequest request, @RequestParam String username, @RequestParam String password) {
    String expected = PASSWORDS.get(username);
    if (expected == null || !MessageDigest.isEqual(expected.getBytes(UTF_8), password.getBytes(UTF_8))) {
      return ResponseEntity.status(HttpStatus.UNAUTHORIZED).contentType(MediaType.TEXT_PLAIN).body("Wrong user name or password");
    }
    // A new session id at sign-in (no fixation), and nothing kept from a previous user.
    HttpSession old = request.getSession(false);
    if (old != null) old.invalidate();
    HttpSession session = request.getSession(true);
    session.setAttribute(USER, username);
    session.setAttribute(OPAQUE, opaque(username));
    session.setAttribute(CSRF, token());
    activity.start(session, System.currentTimeMillis());
    return redirect("/");
  }

  @PostMapping("/logout")
  ResponseEntity<String> logout(HttpServletRequest request, @RequestParam(name = "_csrf", required = false) String csrf) {
    HttpSession session = request.getSession(false);
    Object expected = session == null ? null : session.getAttribute(CSRF);
    if (expected == null || csrf == null || !MessageDigest.isEqual(expected.toString().getBytes(UTF_8), csrf.getBytes(UTF_8))) {
      return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
    }
    session.invalidate();
    return redirect("/login");
  }

  private static ResponseEntity<Object> json(Object body) {
    // Rule 8; the preset Content-Type also skips Accept negotiation.
    return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(MediaType.APPLICATION_JSON).body(body);
  }

  private static ResponseEntity<String> redirect(String path) {
    return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(path)).build();
  }

  /** Rule 9: a keyed hash, stable across restarts with the same USER_SECRET, reveals nothing. */
  private String opaque(String username) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(userKey);
      return HexFormat.of().formatHex(mac.doFinal(username.getBytes(UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String token() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
