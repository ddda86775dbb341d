-- Neovim's built-in LSP client against `meshlint server`, headless: open a manifest, wait for
-- MeshLint's diagnostics, apply the quick fix of MESH002 through Neovim's own workspace-edit code,
-- check the buffer, wait for the diagnostics to clear, hover, save, quit.
--
--   MESHLINT_SERVER=/path/to/meshlint MESHLINT_RESULT=/tmp/result.txt \
--     nvim --headless --clean -c 'luafile meshlint-session.lua' apps/bad.yaml
--
-- Written for Neovim 0.7 (Debian 12's), whose API is a subset of later releases': start_client
-- and buf_attach_client rather than vim.lsp.start.
local result = assert(os.getenv('MESHLINT_RESULT'), 'MESHLINT_RESULT is not set')
local server = assert(os.getenv('MESHLINT_SERVER'), 'MESHLINT_SERVER is not set')
local out = assert(io.open(result, 'w'))

local function finish(code)
  out:close()
  vim.cmd(code == 0 and 'qall!' or ('cquit ' .. code))
end

local function check(condition, message)
  out:write((condition and 'ok: ' or 'FAIL: ') .. message .. '\n')
  out:flush()
  if not condition then
    finish(1)
  end
end

local function codes(bufnr)
  local found = {}
  for _, diagnostic in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = diagnostic.user_data and diagnostic.user_data.lsp or {}
    table.insert(found, lsp.code or diagnostic.code)
  end
  table.sort(found)
  return table.concat(found, ',')
end

local ok, err = pcall(function()
  local bufnr = vim.api.nvim_get_current_buf()
  local root = vim.fn.getcwd()
  local client_id = vim.lsp.start_client({
    name = 'meshlint',
    cmd = { server, 'server' },
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = 'scratch' } },
  })
  check(client_id ~= nil, 'start_client')
  vim.lsp.buf_attach_client(bufnr, client_id)

  check(vim.wait(60000, function() return codes(bufnr) == 'MESH001,MESH002' end, 100), 'diagnostics: MESH001,MESH002 (got ' .. codes(bufnr) .. ')')

  local client = vim.lsp.get_client_by_id(client_id)
  local vault
  for _, diagnostic in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = diagnostic.user_data and diagnostic.user_data.lsp or {}
    if (lsp.code or diagnostic.code) == 'MESH002' then
      -- Neovim 0.7 keeps the LSP fields but not the range; the manifest is ASCII, so columns are characters.
      vault = vim.tbl_extend('force', lsp, {
        range = { start = { line = diagnostic.lnum, character = diagnostic.col }, ['end'] = { line = diagnostic.end_lnum, character = diagnostic.end_col } },
        message = diagnostic.message,
        severity = diagnostic.severity,
      })
    end
  end
  check(vault ~= nil, 'a MESH002 diagnostic')

  local response = client.request_sync('textDocument/codeAction', {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = vault.range,
    context = { diagnostics = { vault } },
  }, 30000, bufnr)
  check(response ~= nil and response.err == nil, 'codeAction answered')
  local fix
  for _, action in ipairs(response.result or {}) do
    if action.kind == 'quickfix' and action.isPreferred then
      fix = action
    end
  end
  check(fix ~= nil, 'a preferred quick fix for MESH002')
  vim.lsp.util.apply_workspace_edit(fix.edit, client.offset_encoding)

  local text = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n')
  check(text:find('traffic.sidecar.istio.io/excludeOutboundPorts: "8200"', 1, true) ~= nil, 'the buffer holds the fix')
  check(vim.wait(60000, function() return codes(bufnr) == 'MESH001' end, 100), 'diagnostics after the fix: MESH001 (got ' .. codes(bufnr) .. ')')

  local line = vim.fn.search('vault.hashicorp.com/agent-inject:', 'n') - 1
  local hover = client.request_sync('textDocument/hover', {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    position = { line = line, character = 12 },
  }, 30000, bufnr)
  check(hover ~= nil and hover.result ~= nil and hover.result.contents.value:find('Vault annotation', 1, true) ~= nil, 'hover on the Vault key')

  vim.cmd('write')
  client.stop()
  vim.wait(5000, function() return client.is_stopped() end, 50)
end)

if not ok then
  out:write('FAIL: ' .. tostring(err) .. '\n')
  finish(1)
else
  finish(0)
end
