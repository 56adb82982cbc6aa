-- A Neovim (0.7) LSP session against seamlint's server, driven by test/editors/neovim.test.ts:
--   nvim --headless --clean -c 'luafile lsp-session.lua'
-- Inputs come from the environment; what happened is written as JSON to SEAMLINT_RESULT, and the test judges it.
-- Neovim is an LSP client nobody on the project wrote, with push diagnostics only.

local server = assert(os.getenv('SEAMLINT_SERVER'), 'SEAMLINT_SERVER not set')
local root = assert(os.getenv('SEAMLINT_ROOT'), 'SEAMLINT_ROOT not set')
local file = assert(os.getenv('SEAMLINT_FILE'), 'SEAMLINT_FILE not set')
local result_path = assert(os.getenv('SEAMLINT_RESULT'), 'SEAMLINT_RESULT not set')
-- 1-based line and column of the finding to fix, and a Lua pattern the fix's title must match.
local fix_line = tonumber(os.getenv('SEAMLINT_FIX_LINE'))
local fix_column = tonumber(os.getenv('SEAMLINT_FIX_COLUMN'))
local fix_title = os.getenv('SEAMLINT_FIX_TITLE')
local timeout_ms = tonumber(os.getenv('SEAMLINT_TIMEOUT_MS') or '60000')

local result = { stages = {} }

local function finish()
  local out = assert(io.open(result_path, 'w'))
  out:write(vim.fn.json_encode(result))
  out:close()
  vim.cmd('qa!')
end

local function stage(name)
  table.insert(result.stages, name)
end

-- Any Lua error still produces a result, so the test reports it instead of timing out.
local ok, err = pcall(function()
  local client_id = vim.lsp.start_client({
    name = 'seamlint',
    cmd = { 'node', server, '--stdio' },
    root_dir = root,
    on_exit = function(code, signal)
      result.exit = { code = code, signal = signal }
    end,
  })
  assert(client_id, 'vim.lsp.start_client failed')
  stage('started')

  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(bufnr, client_id)

  local client = vim.lsp.get_client_by_id(client_id)
  if not vim.wait(timeout_ms, function() return client.initialized end, 50) then
    error('the server did not answer initialize within ' .. timeout_ms .. ' ms')
  end
  stage('initialized')
  local capabilities = client.server_capabilities or {}
  result.capabilities = {
    codeActionProvider = capabilities.codeActionProvider ~= nil and capabilities.codeActionProvider ~= false,
    hoverProvider = capabilities.hoverProvider ~= nil and capabilities.hoverProvider ~= false,
  }

  -- Push diagnostics: wait until the server published some for this buffer.
  if not vim.wait(timeout_ms, function() return #vim.diagnostic.get(bufnr) > 0 end, 50) then
    error('no diagnostics for ' .. file .. ' within ' .. timeout_ms .. ' ms')
  end
  stage('diagnostics')
  result.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = (d.user_data or {}).lsp or {}
    table.insert(result.diagnostics, {
      code = d.code or lsp.code,
      line = d.lnum + 1,
      column = d.col + 1,
      severity = d.severity,
      source = d.source,
      message = d.message,
    })
  end

  if not fix_line then return end
  -- No code actions advertised: say so in the result rather than asking and waiting for nothing.
  if not result.capabilities.codeActionProvider then return end

  vim.api.nvim_win_set_cursor(0, { fix_line, fix_column - 1 })
  local before = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n')
  local chosen = false
  -- Stand-in for the menu a person would pick from: take the action whose title matches, record all titles.
  vim.ui.select = function(items, opts, on_choice)
    result.codeActions = {}
    local pick
    for _, item in ipairs(items) do
      local title = opts.format_item and opts.format_item(item) or tostring(item)
      table.insert(result.codeActions, title)
      if not pick and fix_title and title:match(fix_title) then pick = item end
    end
    result.chosen = pick and opts.format_item(pick) or vim.NIL
    chosen = true
    on_choice(pick)
  end
  vim.lsp.buf.code_action()
  if not vim.wait(timeout_ms, function() return chosen end, 50) then
    error('no code actions offered at line ' .. fix_line .. ' within ' .. timeout_ms .. ' ms')
  end
  stage('codeActions')
  if result.chosen == vim.NIL then return end
  local function text() return table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n') end
  if not vim.wait(timeout_ms, function() return text() ~= before end, 50) then
    error('the chosen code action did not change the buffer')
  end
  stage('applied')
  vim.cmd('write')
  stage('written')
end)

if not ok then result.error = tostring(err) end
finish()
