module example/session-security-go

go 1.24

require github.com/alexedwards/scs/v2 v2.9.0
