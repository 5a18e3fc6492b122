// session-security recipe for Go net/http with alexedwards/scs (server-side sessions).
package main

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"html/template"
	"log"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/alexedwards/scs/v2"
)

const pingPath = "/session/ping"

var (
	passwords = map[string]string{"alice": "alice", "bob": "bob"}
	// RE2 without (?m): $ is the end of the text, so "5\n" fails.
	digits      = regexp.MustCompile(`^[0-9]{1,15}$`)
	warnAfter   = seconds("WARN_AFTER", 780)
	expireAfter = seconds("EXPIRE_AFTER", 900)
	userSecret  = []byte(os.Getenv("USER_SECRET"))
	script      = os.Getenv("SESSION_SECURITY_JS")
	// No IdleTimeout: with one, scs re-commits every loaded session (pings included) and
	// a ping in flight could write back a session that expired meanwhile. Our own "last"
	// decides idleness; Lifetime is only an absolute upper bound.
	sessions = scs.New()
)

func seconds(name string, fallback int64) int64 {
	if v, err := strconv.ParseInt(os.Getenv(name), 10, 64); err == nil {
		return v
	}
	return fallback
}

// live returns the last activity (Unix ms) of a signed-in session, ending the session
// when it has been idle expireAfter or longer (rule 2). expired tells the two apart.
func live(r *http.Request, now int64) (last int64, ok, expired bool) {
	ctx := r.Context()
	last = sessions.GetInt64(ctx, "last")
	if last == 0 {
		return 0, false, false
	}
	if now-last >= expireAfter*1000 {
		sessions.Destroy(ctx)
		return 0, false, true
	}
	return last, true, false
}

// activity counts every request but the ping as activity (rules 5 and 6).
func activity(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != pingPath {
			now := time.Now().UnixMilli()
			if _, ok, _ := live(r, now); ok {
				sessions.Put(r.Context(), "last", now)
			}
		}
		next.ServeHTTP(w, r)
	})
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(v)
}

func ping(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	now := time.Now().UnixMilli()
	last, ok, expired := live(r, now)
	if expired {
		writeJSON(w, map[string]string{"status": "logout", "reason": "expired"})
		return
	}
	if !ok {
		writeJSON(w, map[string]string{"status": "logout"})
		return
	}
	xhr := r.Header.Get("X-Requested-With") == "XMLHttpRequest"
	// Rules 3 and 4. Milliseconds in int64: 15 digits of seconds would overflow a
	// time.Duration (nanoseconds) and land in the future.
	if idle := r.URL.Query().Get("idleFor"); xhr && digits.MatchString(idle) {
		n, _ := strconv.ParseInt(idle, 10, 64)
		if reported := now - n*1000; reported > last {
			last = reported
			sessions.Put(ctx, "last", last)
		}
	}
	idle := (now - last) / 1000
	if !xhr {
		writeJSON(w, idle) // answered without merging, and no token to a non-XHR request
		return
	}
	writeJSON(w, map[string]any{
		"idleFor":     idle,
		"warnAfter":   warnAfter,
		"expireAfter": expireAfter,
		"user":        sessions.GetString(ctx, "opaque"),
		"csrfToken":   sessions.GetString(ctx, "csrf"),
	})
}

var pageTmpl = template.Must(template.New("page").Parse(`<!doctype html>
<title>Signed in</title>
<script type="module" src="/session-security.js"></script>
<p>Signed in as {{.User}}.</p>
<form method="post" action="/logout">
  <input type="hidden" name="_csrf" value="{{.CSRF}}"><button>Sign out</button>
</form>
<session-security ping-url="` + pingPath + `" warn-after="{{.WarnAfter}}" expire-after="{{.ExpireAfter}}" user="{{.Opaque}}"></session-security>
`))

func page(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	user := sessions.GetString(ctx, "user") // activity() has ended it if idle
	if user == "" {
		http.Redirect(w, r, "/login", http.StatusSeeOther)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	pageTmpl.Execute(w, map[string]any{
		"User": user, "CSRF": sessions.GetString(ctx, "csrf"), "Opaque": sessions.GetString(ctx, "opaque"),
		"WarnAfter": warnAfter, "ExpireAfter": expireAfter,
	})
}

const loginForm = `<!doctype html>
<title>Sign in</title>
<form method="post" action="/login">
  <input name="username" autocomplete="username">
  <input name="password" type="password" autocomplete="current-password">
  <button>Sign in</button>
</form>
`

func login(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	user, password := r.PostFormValue("username"), r.PostFormValue("password")
	expected, known := passwords[user]
	if !known || subtle.ConstantTimeCompare([]byte(expected), []byte(password)) != 1 {
		http.Error(w, "Wrong user name or password", http.StatusUnauthorized)
		return
	}
	// A new token at sign-in (no fixation), and nothing kept from a previous user.
	if err := sessions.Clear(ctx); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	if err := sessions.RenewToken(ctx); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	mac := hmac.New(sha256.New, userSecret) // rule 9: opaque, stable for a stable secret
	mac.Write([]byte(user))
	sessions.Put(ctx, "user", user)
	sessions.Put(ctx, "opaque", hex.EncodeToString(mac.Sum(nil)))
	sessions.Put(ctx, "csrf", rand.Text())
	sessions.Put(ctx, "last", time.Now().UnixMilli())
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

func logout(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	csrf := sessions.GetString(ctx, "csrf")
	if csrf == "" || subtle.ConstantTimeCompare([]byte(csrf), []byte(r.PostFormValue("_csrf"))) != 1 {
		http.Error(w, "Forbidden", http.StatusForbidden)
		return
	}
	sessions.Destroy(ctx)
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}

// scripts serves the bundle and the lazy locales beside it (dist/cdn/*.js) at /<name>.js.
func scripts(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("file")
	if !strings.HasSuffix(name, ".js") || name != filepath.Base(name) {
		http.NotFound(w, r)
		return
	}
	http.ServeFile(w, r, filepath.Join(filepath.Dir(script), name))
}

func main() {
	if len(userSecret) == 0 || script == "" {
		log.Fatal("set USER_SECRET and SESSION_SECURITY_JS")
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+pingPath, ping)
	mux.HandleFunc("GET /{$}", page)
	mux.HandleFunc("GET /login", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, loginForm) })
	mux.HandleFunc("POST /login", login)
	mux.HandleFunc("POST /logout", logout)
	mux.HandleFunc("GET /{file}", scripts)
	addr := "127.0.0.1:" + os.Getenv("PORT")
	log.Printf("listening on %s", addr)
	log.Fatal(http.ListenAndServe(addr, sessions.LoadAndSave(activity(mux))))
}
