// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import "./IERC20.sol";

/// A vault that holds ether and tokens for its depositors.
contract Vault {
    address public owner;
    uint256 public totalDeposits;
    uint256 private feeBasisPoints = 25;
    bool internal paused;
    mapping(address => uint256) public balances;

    event Deposited(address indexed account, uint256 amount);
    event Withdrawn(address indexed account, uint256 amount);
    event OwnerChanged(address previous, address next);

    modifier onlyOwner() {
        require(msg.sender == owner, "not owner");
        _;
    }

    constructor(uint256 fee) {
        owner = msg.sender;
        feeBasisPoints = fee;
    }

    function deposit() external payable {
        require(msg.value > 0);
        require(!paused, "paused");
        balances[msg.sender] += msg.value;
        totalDeposits += msg.value;
        emit Deposited(msg.sender, msg.value);
    }

    function withdraw(uint256 amount) external {
        require(balances[msg.sender] >= amount);
        (bool ok, ) = msg.sender.call{value: amount}("");
        require(ok, "transfer failed");
        balances[msg.sender] -= amount;
        totalDeposits -= amount;
        emit Withdrawn(msg.sender, amount);
    }

    function withdrawSafely(uint256 amount, address payable to) external {
        require(balances[msg.sender] >= amount, "insufficient");
        balances[msg.sender] -= amount;
        totalDeposits -= amount;
        (bool ok, ) = to.call{value: amount}("");
        require(ok, "transfer failed");
        emit Withdrawn(msg.sender, amount);
    }

    function changeOwner(address next) public {
        // TODO: use a two-step transfer
        require(tx.origin == owner);
        emit OwnerChanged(owner, next);
        owner = next;
    }

    function setPaused(bool value) external onlyOwner {
        paused = value;
    }

    function fee(uint256 amount) internal view returns (uint256) {
        return amount * feeBasisPoints / 10000;
    }

    function refund(address payable account) external onlyOwner {
        uint256 amount = balances[account];
        (bool sent, ) = account.call{value: amount}("");
        require(sent);
        balances[account] = 0;
        totalDeposits -= amount;
    }

    function sweep(IERC20 token, address to, uint256 amount) external onlyOwner {
        token.transfer(to, amount);
    }
}
