# The smallest Rails app for session-security: one file, ActionController only.
# Run with `rackup config.ru` (recipe.sh start); see README.md.
require "action_controller/railtie"
require "openssl"

WARN_AFTER = Integer(ENV.fetch("WARN_AFTER", "540"))
EXPIRE_AFTER = Integer(ENV.fetch("EXPIRE_AFTER", "600"))
USER_SECRET = ENV.fetch("USER_SECRET") # stable, so `user` survives a restart
USERS = { "alice" => "alice", "bob" => "bob" }.freeze # demo accounts only
JS_DIR = File.dirname(ENV.fetch("SESSION_SECURITY_JS"))

class SessionApp < Rails::Application
  config.load_defaults 6.1
  config.eager_load = false
  config.logger = ActiveSupport::Logger.new($stdout)
  # Signs the session cookie. A random key signs everyone out at each restart;
  # give SECRET_KEY_BASE in a real deployment.
  config.secret_key_base = ENV.fetch("SECRET_KEY_BASE") { SecureRandom.hex(64) }
  # CookieStore (the default) keeps last_activity in the browser: a copied cookie
  # stays valid until it is idle for EXPIRE_AFTER, even after sign-out. A server-side
  # store (cache_store on Redis, activerecord-session_store) can be revoked.
  config.session_store :cookie_store, key: "_app_session", same_site: :lax, httponly: true
  config.action_dispatch.cookies_serializer = :json
end
# Before the controllers, as config/environment.rb does: they take its defaults
# (protect_from_forgery with: :exception among them).
SessionApp.initialize!

class ApplicationController < ActionController::Base
  # Rule 6: every request is activity, and expiry is enforced on every request,
  # whatever the browser's script does.
  before_action :touch_last_activity

  private

  def touch_last_activity
    return unless session[:user_id]
    now = Time.now.to_f
    if now - session[:last_activity].to_f >= EXPIRE_AFTER
      reset_session # signed out: require_login below redirects
    else
      session[:last_activity] = now
    end
  end

  def require_login
    redirect_to "/login" unless session[:user_id]
  end

  # Opaque and stable: nothing about the account can be read from it (rule 9).
  def user_token
    OpenSSL::HMAC.hexdigest("SHA256", USER_SECRET, session[:user_id])
  end

  # Session state and CSRF tokens stay out of every cache (and the back button).
  def no_store
    response.headers["Cache-Control"] = "no-store"
  end
end

class LoginsController < ApplicationController
  def new
    render inline: <<~ERB
      <!doctype html><title>Sign in</title>
      <%= form_with url: "/login" do |f| %>
        <%= f.label :username %> <%= f.text_field :username %>
        <%= f.label :password %> <%= f.password_field :password %>
        <%= f.submit "Sign in" %>
      <% end %>
    ERB
  end

  def create
    name, password = params[:username].to_s, params[:password].to_s
    expected = USERS[name]
    unless expected && ActiveSupport::SecurityUtils.secure_compare(expected, password)
      return redirect_to "/login", status: :see_other
    end
    reset_session # a fresh session (and CSRF token) at every sign-in
    session[:user_id] = name
    session[:last_activity] = Time.now.to_f
    redirect_to "/", status: :see_other
  end

  def destroy
    reset_session
    redirect_to "/login", status: :see_other
  end
end

class PagesController < ApplicationController
  before_action :require_login, :no_store

  def show
    render inline: <<~ERB, locals: { user: user_token }
      <!doctype html><title>Protected</title>
      <%= csrf_meta_tags %>
      <script type="module" src="/session-security.js"></script>
      <session-security ping-url="/session/ping" warn-after="<%= WARN_AFTER %>"
        expire-after="<%= EXPIRE_AFTER %>" user="<%= user %>"></session-security>
      <p>Signed in as <%= session[:user_id] %>.</p>
      <%= button_to "Sign out", "/logout" %>
    ERB
  end
end

class SessionPingsController < ApplicationController
  skip_before_action :touch_last_activity # rule 5: a ping is sent by a timer, not a person
  before_action :no_store                 # rule 8

  def show
    # Rule 1. `render json: "logout"` would send logout unquoted: Rails passes a
    # String through as JSON text already, so encode it.
    return render json: "logout".to_json unless session[:user_id]

    now, last = Time.now.to_f, session[:last_activity].to_f
    if now - last >= EXPIRE_AFTER # rule 2: expiry before the merge
      reset_session
      return render json: { status: "logout", reason: "expired" }
    end

    # Rules 3 and 4: only plain ASCII digits (Rack makes idleFor[]=0 an Array), only
    # with the header a cross-site page cannot send, and never past now.
    idle = params[:idleFor]
    if request.xhr? && idle.is_a?(String) && idle.match?(/\A[0-9]{1,15}\z/)
      merged = [last, now - idle.to_i].max
      session[:last_activity] = last = merged if merged > last # unchanged: no new cookie
    end

    render json: {
      idleFor: (now - last).floor, # rule 7
      warnAfter: WARN_AFTER,
      expireAfter: EXPIRE_AFTER,
      user: user_token,
      csrfToken: form_authenticity_token, # what protect_from_forgery accepts (rule 9)
    }
  end
end

class ScriptsController < ActionController::Base
  # The element's bundle and its lazy locales, beside SESSION_SECURITY_JS. Public
  # files: Rails' cross-origin JavaScript check (a 422 for GET *.js) does not apply.
  skip_forgery_protection

  def show
    path = File.join(JS_DIR, "#{params[:name]}.js")
    return head :not_found unless File.file?(path)
    send_file path, type: "text/javascript", disposition: "inline"
  end
end

# After initialize!: the routes reloader clears routes drawn before it.
SessionApp.routes.draw do
  get "/login" => "logins#new"
  post "/login" => "logins#create"
  post "/logout" => "logins#destroy"
  get "/" => "pages#show"
  get "/session/ping" => "session_pings#show"
  get "/:name.js" => "scripts#show", constraints: { name: /[a-z0-9-]+/ }
end

run SessionApp
