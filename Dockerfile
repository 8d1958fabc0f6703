# lensbook: GoNB notebooks on the Cryptolens logs, served by Jupyter.
#
#   docker build -t lensbook .
#   docker run --rm -p 8888:8888 -e JUPYTER_TOKEN=choose-one lensbook
#   docker run --rm -p 8888:8888 -e LENSBOOK_DEMO=1 lensbook     # with the emulator
#   docker run --rm -v "$PWD/reports:/lensbook/reports" lensbook make demo
#
# The image is set up by scripts/setup.sh, the same script `make test` and CI
# run, so what CI tests is what the image does.
FROM golang:1.26.8-bookworm

ENV DEBIAN_FRONTEND=noninteractive \
    LENSBOOK_ROOT=/lensbook \
    LENSBOOK_BUILD_DIR=/lensbook/.build \
    JUPYTER_DATA_DIR=/lensbook/.build/jupyter \
    JUPYTER_CONFIG_DIR=/lensbook/.build/jupyter-config \
    JUPYTER=/usr/bin/jupyter \
    PATH=/lensbook/.build/bin:/usr/local/go/bin:$PATH
WORKDIR /lensbook

# Modules first: this layer stays cached until go.mod or go.sum change.
COPY go.mod go.sum ./
COPY tools/go.mod tools/go.sum tools/
RUN go mod download && cd tools && go mod download

COPY . .
RUN scripts/setup.sh && rm -rf /var/lib/apt/lists/*

EXPOSE 8888
# Jupyter notebook on 0.0.0.0:8888 serving notebooks/ with the GoNB kernel;
# the login token is JUPYTER_TOKEN, or one Jupyter generates and prints.
CMD ["make", "notebook", "IP=0.0.0.0", "PORT=8888"]
