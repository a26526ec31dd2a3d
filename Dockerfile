# dokaz in a container: the binary only, run as a non-root user.
#
#   docker build -t dokaz .
#   docker run --rm -v "$PWD:/site" dokaz check
#   docker run --rm -u "$(id -u):$(id -g)" -v "$PWD:/site" dokaz build --out output
#
# The registry is mounted at /site, the working directory, so the default
# `--root .` is the registry. `-u` lets the build write output/ as you.

FROM rust:1-slim-trixie AS build
WORKDIR /src
COPY Cargo.toml Cargo.lock build.rs README.md ./
COPY src src
COPY themes themes
COPY docs/rules.md docs/rules.md
RUN cargo install --path . --locked --root /out

FROM debian:trixie-slim
RUN useradd --system --uid 10001 --user-group --no-create-home --shell /usr/sbin/nologin dokaz
COPY --from=build /out/bin/dokaz /usr/local/bin/dokaz
USER dokaz
WORKDIR /site
ENTRYPOINT ["dokaz"]
CMD ["--help"]
