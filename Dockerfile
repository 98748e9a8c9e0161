# The Herald worker image: Node 24 runs the TypeScript sources through tsx.
FROM node:24-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --omit=dev --no-audit --no-fund
COPY activities ./activities
COPY client ./client
COPY config ./config
COPY workers ./workers
COPY workflows ./workflows
USER node
CMD ["node", "--import", "tsx", "workers/main.ts"]
